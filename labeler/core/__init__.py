"""The labelling domain: the service, its outcomes, names and the label overview of folders."""
