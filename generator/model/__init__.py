"""Documents -> Plan (typed entities, references resolved, ids, occurrences, UTM links)."""
