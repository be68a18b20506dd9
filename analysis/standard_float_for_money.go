package analysis

import (
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// StandardFloatForMoney flags money-like columns stored as floating point.
var StandardFloatForMoney = &Rule{
	Name:     "standard/float-for-money",
	Summary:  "a money column uses a floating-point type",
	Severity: model.Warning,
	Doc: `` + "`real`" + ` and ` + "`double`" + ` are binary floating point: 0.1 + 0.2 is not 0.3, sums
drift by fractions of a cent, and equal amounts can compare unequal. Store
money as ` + "`numeric(p,s)`" + `, which is exact, or as a whole number of the smallest
unit (cents) in a ` + "`bigint`" + `.

A column counts as money when a word of its snake_case name is one of
price, amount, cost, balance, total, subtotal, fee, tax, vat, discount,
salary, wage, revenue, income, budget, payment, refund, payout, commission,
profit or cents, and no word makes it a quantity of something else:
` + "`tax_rate`" + `, ` + "`discount_percent`" + `, ` + "`total_count`" + ` and ` + "`total_weight`" + ` are not money.

Bad:

` + "```dbspec" + `
unit_price double
` + "```" + `

Good:

` + "```dbspec" + `
unit_price       numeric(12,2)
unit_price_cents bigint
` + "```" + `

The fix uses ` + "`numeric(12,2)`" + `, or ` + "`bigint`" + ` for a column named in cents.

Suppress with ` + "`// dbspec:ignore standard/float-for-money REASON`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				if c.Incomplete || c.Type.Name != "real" && c.Type.Name != "double" || !moneyName(c.Name) {
					continue
				}
				typ := "numeric(12,2)"
				if slices.Contains(nameWords(c.Name), "cents") {
					typ = "bigint"
				}
				name := pass.tableLoc(t, c.Syntax.Type.Name.Span())
				fix := Fix{Title: "Use " + typ, Edits: []model.Edit{replace(name, typ)}}
				pass.Reportf(pass.Loc(c.Type.Site), []Fix{fix}, "column %q holds money in %s, which is inexact: use %s", c.Name, c.Type.Name, typ)
			}
		}
	},
}

// moneyWords are the words of a column name that make it money.
var moneyWords = map[string]bool{
	"price": true, "prices": true, "amount": true, "amounts": true, "cost": true, "costs": true,
	"balance": true, "total": true, "subtotal": true, "fee": true, "fees": true, "tax": true,
	"vat": true, "discount": true, "salary": true, "wage": true, "wages": true, "revenue": true,
	"income": true, "budget": true, "payment": true, "refund": true, "payout": true,
	"commission": true, "profit": true, "cents": true,
}

// quantityWords are the words that make a money-like name a measure of
// something else: a rate, a count, a weight, a duration ...
var quantityWords = map[string]bool{
	"rate": true, "rates": true, "ratio": true, "percent": true, "percentage": true, "pct": true,
	"factor": true, "multiplier": true, "fraction": true, "count": true, "num": true, "number": true,
	"qty": true, "quantity": true, "items": true, "units": true, "score": true, "points": true,
	"weight": true, "distance": true, "duration": true, "time": true, "seconds": true, "minutes": true,
	"hours": true, "days": true, "ms": true, "size": true, "length": true, "bytes": true,
}

// moneyName reports whether a column name names an amount of money.
func moneyName(name string) bool {
	money := false
	for _, w := range nameWords(name) {
		if quantityWords[w] {
			return false
		}
		money = money || moneyWords[w]
	}
	return money
}
