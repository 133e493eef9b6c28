"""Work on the machine's second core, and signals that must not leave a mess."""
