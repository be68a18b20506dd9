package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInflect(t *testing.T) {
	pairs := [][2]string{
		{"user", "users"}, {"category", "categories"}, {"day", "days"}, {"key", "keys"},
		{"survey", "surveys"}, {"status", "statuses"}, {"address", "addresses"},
		{"class", "classes"}, {"process", "processes"}, {"box", "boxes"}, {"match", "matches"},
		{"dish", "dishes"}, {"buzz", "buzzes"}, {"quiz", "quizzes"}, {"waltz", "waltzes"},
		{"analysis", "analyses"}, {"crisis", "crises"}, {"thesis", "theses"},
		{"basis", "bases"}, {"diagnosis", "diagnoses"}, {"axis", "axes"},
		{"leaf", "leaves"}, {"knife", "knives"}, {"wife", "wives"}, {"half", "halves"},
		{"shelf", "shelves"}, {"bookshelf", "bookshelves"}, {"thief", "thieves"},
		{"roof", "roofs"}, {"chef", "chefs"}, {"chief", "chiefs"}, {"belief", "beliefs"},
		{"cliff", "cliffs"}, {"safe", "safes"},
		{"hero", "heroes"}, {"potato", "potatoes"}, {"photo", "photos"},
		{"video", "videos"}, {"memo", "memos"}, {"todo", "todos"}, {"studio", "studios"},
		{"person", "people"}, {"salesperson", "salespeople"}, {"child", "children"},
		{"grandchild", "grandchildren"}, {"man", "men"},
		{"woman", "women"}, {"policewoman", "policewomen"}, {"human", "humans"},
		{"mouse", "mice"}, {"goose", "geese"}, {"foot", "feet"}, {"tooth", "teeth"},
		{"criterion", "criteria"}, {"phenomenon", "phenomena"},
		{"matrix", "matrices"}, {"vertex", "vertices"},
		{"appendix", "appendices"}, {"cactus", "cacti"}, {"alumnus", "alumni"},
		{"bus", "buses"}, {"bonus", "bonuses"}, {"campus", "campuses"}, {"virus", "viruses"},
		{"menu", "menus"}, {"sku", "skus"}, {"api", "apis"}, {"taxi", "taxis"},
		{"alias", "aliases"}, {"bias", "biases"}, {"gas", "gases"}, {"lens", "lenses"},
		{"movie", "movies"}, {"cookie", "cookies"}, {"tie", "ties"}, {"party", "parties"},
		{"niche", "niches"}, {"headache", "headaches"}, {"beach", "beaches"},
		{"coach", "coaches"}, {"epoch", "epochs"}, {"stomach", "stomachs"},
		{"case", "cases"}, {"database", "databases"}, {"house", "houses"},
		{"purchase", "purchases"}, {"response", "responses"}, {"use", "uses"},
		{"shoe", "shoes"}, {"canoe", "canoes"}, {"directive", "directives"},
		{"olive", "olives"}, {"move", "moves"}, {"employee", "employees"},
		{"setting", "settings"}, {"mapping", "mappings"}, {"embedding", "embeddings"},
		{"thing", "things"}, {"seed", "seeds"}, {"family", "families"},
		{"reply", "replies"}, {"idea", "ideas"}, {"schema", "schemas"},
		{"formula", "formulas"}, {"logo", "logos"}, {"price", "prices"},
		{"device", "devices"}, {"specimen", "specimens"}, {"log", "logs"},
		{"membership", "memberships"}, {"country", "countries"}, {"tenant", "tenants"},
		{"label", "labels"}, {"attachment", "attachments"}, {"widget", "widgets"},
	}
	for _, p := range pairs {
		sing, plur := p[0], p[1]
		assert.Equal(t, NumberSingular, NumberOf(sing), "%s is singular", sing)
		assert.Equal(t, NumberPlural, NumberOf(plur), "%s is plural", plur)
		got, ok := PluralOf(sing)
		assert.True(t, ok && got == plur, "plural of %s: got %q, want %q", sing, got, plur)
		got, ok = SingularOf(plur)
		if plur == "bases" {
			plur, sing = "bases", "base" // of a database, more likely than of a theory
		}
		assert.True(t, ok && got == sing, "singular of %s: got %q, want %q", plur, got, sing)
	}

	// Words to stay quiet about: uncountable, the same in both numbers,
	// adjectives, gerunds, acronyms, codes and unknown endings.
	for _, w := range []string{
		"data", "metadata", "media", "information", "info", "equipment", "news",
		"series", "species", "sheep", "fish", "deer", "feedback", "software",
		"middleware", "staff", "audio", "analytics", "statistics", "inventory",
		"history", "access", "billing", "pricing", "tracking", "onboarding",
		"archived", "deleted", "daily", "monthly", "various", "miscellaneous",
		"sms", "crm", "dns", "pos", "id", "v2", "2023", "salesmen",
		"aircraft", "offspring", "outbox", "inbox", "config", "auth", "usage",
		"octopi", "kudos", "chaos", "queue", "cache", "trail", "waitlist", "index", "availability",
	} {
		assert.Equal(t, NumberUnsure, NumberOf(w), "%s", w)
		_, ok := PluralOf(w)
		assert.False(t, ok, "no plural of %s", w)
		_, ok = SingularOf(w)
		assert.False(t, ok, "no singular of %s", w)
	}
	assert.Equal(t, NumberPlural, NumberOf("formulae"))
	assert.Equal(t, NumberPlural, NumberOf("haikus"))
	for plur, sing := range map[string]string{"caches": "cache", "queues": "queue", "indexes": "index", "indices": "index", "archives": "archive", "feeds": "feed"} {
		got, _ := SingularOf(plur) // collective nouns, but their plurals are plain
		assert.Equal(t, sing, got)
	}
	p, _ := PluralOf("chairman") // but chairmen is unsure: specimen, omen
	assert.Equal(t, "chairmen", p)
	s, _ := SingularOf("oxen") // but ox is too short to judge
	assert.Equal(t, "ox", s)
}
