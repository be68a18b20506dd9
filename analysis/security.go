package analysis

// securityRules are the security rules, one per file named after the rule.
var securityRules = []*Rule{
	SecurityPIIUnmarked,
	SecurityPlaintextSecret,
	SecurityEnumerableID,
}
