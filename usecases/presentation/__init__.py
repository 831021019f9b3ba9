"""What a proposal's pages show, worked out in Python: timeline, journey, next steps,
completeness, charts, the process diagram, the page's buttons and the transition pages."""
