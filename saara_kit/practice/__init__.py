"""Practice sheets (fiches d'expérience): what worked for an association, written for its peers,
moderated, then published in the directory as case studies."""
