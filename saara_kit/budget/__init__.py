"""Project budgeting: budget lines by heading in DZD or EUR, who pays what share, in-kind
contributions and volunteer time, expenditures against the lines, and the funders' rules."""
