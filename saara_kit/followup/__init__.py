"""Follow-up of the funded projects: each association's periodic report (its progress, its
milestones, its indicators' values, the support sessions it received) and the programme's view
of every funded project on one page."""
