package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// SecurityPIIUnmarked flags columns named like personal data that are not
// marked pii.
var SecurityPIIUnmarked = &Rule{
	Name:     "security/pii-unmarked",
	Summary:  "a column holds personal data but is not marked pii",
	Severity: model.Warning,
	Doc: `Columns marked ` + "`pii`" + ` are redacted when the generated Go types are logged
(their ` + "`LogValue`" + ` method hides them), and the mark tells reviewers, data
exports and retention jobs where personal data lives. A column that holds an
email address, a phone number or a birth date but lacks the mark ends up in
logs and traces in clear text.

The rule reads the words of the name (snake_case or camelCase; a trailing
number or ` + "`_line1`" + ` is ignored) and the type:

| personal data | names (as the last words) | types |
|---|---|---|
| email address | ` + "`email`, `*_email`, `email_address`" + ` | strings |
| IP address | ` + "`ip`, `*_ip`, `ip_address`" + ` | inet, strings |
| phone number | ` + "`phone`, `phone_number`, `mobile`, `fax`, `telephone`, `msisdn`" + ` | strings |
| government id | ` + "`ssn`, `social_security_number`, `national_id`, `passport_number`, `drivers_license_number`, `tax_id`, `vat_number`" + ` | strings |
| birth date | ` + "`birth_date`, `birthdate`, `birthday`, `date_of_birth`, `dob`" + ` | dates, strings |
| postal address | ` + "`address`, `*_address`, `address_line1`, `street`, `postal_code`, `postcode`, `zip`, `zip_code`, `house_number`" + ` | strings |
| person name | ` + "`first_name`, `last_name`, `full_name`, `given_name`, `family_name`, `middle_name`, `maiden_name`, `surname`, `contact_name`, `cardholder_name`" + ` | strings |
| bank or card number | ` + "`iban`, `bank_account_number`, `card_number`, `credit_card_number`" + ` | strings |

On a table of people (` + "`users`, `people`, `contacts`, `customers`, `employees`, `members`, `profiles`" + `,
patients, students, …) it also reports ` + "`name`, `display_name`, `nickname`, `preferred_name`" + `
and ` + "`gender`" + ` or ` + "`sex`" + ` (also as an enum); elsewhere ` + "`projects.name`" + ` or
` + "`plans.display_name`" + ` name things, not people. It does not report ` + "`city`" + `,
` + "`country`" + ` or ` + "`username`" + ` (a public handle), nor a bare ` + "`account_number`" + `
(ledger accounts have numbers too), and words must match whole:
` + "`email_verified_at`" + ` is a timestamp and ` + "`email_template`" + ` a template.

Bad:

` + "```dbspec" + `
table users {
  id         uuid pk default(gen_random_uuid())
  email      citext
  birth_date date?
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id         uuid   pk default(gen_random_uuid())
  email      citext pii
  birth_date date?  pii
}
` + "```" + `

A column that only looks personal, such as the address of a warehouse, can
be suppressed: ` + "`// dbspec:ignore security/pii-unmarked a warehouse address, not a person's`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			people := peopleTable(t.Name)
			for _, c := range t.Columns {
				if c.Incomplete || c.PII {
					continue
				}
				if what := piiKind(people, c.Name, c.Type, pass.Schema.EnumOf(c) != nil); what != "" {
					fix := Fix{Title: "Add pii", Edits: []model.Edit{appendToColumn(pass, c, "pii")}}
					pass.Reportf(pass.Loc(c.Site), []Fix{fix}, "column %q looks like personal data (%s): mark it pii", c.Name, what)
				}
			}
		}
	},
}

// Type classes of personal data.
const (
	piiText = 1 << iota // text, varchar, char, citext, and arrays of them
	piiDate             // date, timestamp, timestamptz
	piiInet             // inet
	piiEnum             // any enum
)

// piiPattern is one kind of personal data and the names that denote it.
type piiPattern struct {
	what   string
	types  int
	people bool       // only on tables of people, and only as the whole name
	names  [][]string // the last words of the name
	not    []string   // words before the names that make them impersonal (mac_address)
}

var piiPatterns = []piiPattern{
	{what: "an email address", types: piiText, names: [][]string{
		{"email"}, {"emails"}, {"email", "address"}, {"email", "addresses"}, {"email", "addr"}}},
	{what: "an IP address", types: piiText | piiInet, names: [][]string{
		{"ip"}, {"ips"}, {"ip", "address"}, {"ip", "addr"}}},
	{what: "a phone number", types: piiText, names: [][]string{
		{"phone"}, {"phones"}, {"phone", "number"}, {"phone", "numbers"}, {"phone", "no"}, {"mobile"},
		{"mobile", "number"}, {"fax"}, {"fax", "number"}, {"telephone"}, {"telephone", "number"},
		{"cell", "number"}, {"msisdn"}}},
	{what: "a government id", types: piiText, names: [][]string{
		{"ssn"}, {"social", "security", "number"}, {"national", "id"}, {"national", "id", "number"},
		{"national", "insurance", "number"}, {"passport"}, {"passport", "number"}, {"passport", "no"},
		{"drivers", "license"}, {"drivers", "license", "number"}, {"driver", "license", "number"},
		{"driving", "licence", "number"}, {"tax", "id"}, {"tax", "number"},
		{"tax", "identification", "number"}, {"vat", "number"}, {"vat", "id"}}},
	{what: "a birth date", types: piiDate | piiText, names: [][]string{
		{"birth", "date"}, {"birthdate"}, {"birthday"}, {"date", "of", "birth"}, {"dob"}, {"born", "on"}}},
	{what: "a postal address", types: piiText, names: [][]string{
		{"address"}, {"addresses"}, {"street"}, {"street", "address"}, {"street", "name"},
		{"postal", "code"}, {"postcode"}, {"post", "code"}, {"zip"}, {"zip", "code"}, {"zipcode"},
		{"house", "number"}},
		not: []string{"mac", "wallet", "web", "server", "host", "contract", "memory", "bind", "listen", "node", "url"}},
	{what: "a person's name", types: piiText, names: [][]string{
		{"first", "name"}, {"firstname"}, {"last", "name"}, {"lastname"}, {"full", "name"}, {"fullname"},
		{"given", "name"}, {"given", "names"}, {"family", "name"}, {"middle", "name"}, {"maiden", "name"},
		{"surname"}, {"forename"}, {"contact", "name"}, {"cardholder", "name"}, {"card", "holder", "name"}}},
	{what: "a bank or card number", types: piiText, names: [][]string{
		{"iban"}, {"bank", "account"}, {"bank", "account", "number"}, {"card", "number"},
		{"credit", "card"}, {"credit", "card", "number"}, {"debit", "card", "number"}}},
	{what: "a person's name", types: piiText, people: true, names: [][]string{
		{"name"}, {"display", "name"}, {"nickname"}, {"preferred", "name"}}},
	{what: "a person's gender", types: piiText | piiEnum, people: true, names: [][]string{
		{"gender"}, {"sex"}}},
}

// peopleNouns are the singular nouns of tables whose rows are people.
var peopleNouns = map[string]bool{
	"user": true, "person": true, "contact": true, "customer": true, "employee": true,
	"member": true, "profile": true, "patient": true, "student": true, "staff": true,
	"candidate": true, "applicant": true, "guest": true, "passenger": true, "subscriber": true,
	"author": true, "attendee": true, "participant": true, "recipient": true, "teacher": true,
	"driver": true,
}

// piiNames indexes the names of piiPatterns by their last word, in the
// order of piiPatterns.
var piiNames = func() map[string][]piiName {
	m := map[string][]piiName{}
	for i := range piiPatterns {
		p := &piiPatterns[i]
		for _, n := range p.names {
			m[n[len(n)-1]] = append(m[n[len(n)-1]], piiName{p, n})
		}
	}
	return m
}()

// piiName is one name of a pattern.
type piiName struct {
	pattern *piiPattern
	words   []string
}

// peopleTable reports whether the rows of the table named name are people:
// users, contacts, team_members.
func peopleTable(name string) bool {
	words := nameWords(name)
	return len(words) > 0 && peopleNouns[model.Singular(words[len(words)-1])]
}

// piiKind says what personal data a column named name, of type typ, holds
// ("an email address"), or "" when it does not look personal; people says
// whether its table is a table of people, enum whether typ is an enum.
func piiKind(people bool, name string, typ model.Type, enum bool) string {
	class := 0
	switch typ.Name {
	case "text", "varchar", "char", "citext":
		class = piiText
	case "date", "timestamp", "timestamptz":
		class = piiDate
	case "inet":
		class = piiInet
	}
	if enum {
		class = piiEnum
	}
	if class == 0 {
		return ""
	}
	words := nameWords(name)
	// Ignore numbering: phone2, address_2, address_line1.
	if n := len(words); n > 0 {
		if words[n-1] = strings.TrimRight(words[n-1], "0123456789"); words[n-1] == "" {
			words = words[:n-1]
		}
	}
	if n := len(words); n > 1 && words[n-1] == "line" {
		words = words[:n-1]
	}
	if len(words) == 0 {
		return ""
	}
	for _, n := range piiNames[words[len(words)-1]] {
		p := n.pattern
		if p.types&class == 0 || p.people && (!people || len(n.words) != len(words)) || !endsWith(words, n.words...) {
			continue
		}
		if i := len(words) - len(n.words) - 1; i >= 0 && slices.Contains(p.not, words[i]) {
			continue
		}
		return p.what
	}
	return ""
}
