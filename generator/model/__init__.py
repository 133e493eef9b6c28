"""Documents -> Plan: typed entities, references resolved, the domain rules later stages ask."""
