package model

import "strings"

// An English inflector for the last word of table names. It knows the
// regular rules, the irregular nouns and the uncountable ones that schemas
// use, and says so when it is not sure: naming/table-plural reports only
// what it is sure of, and the code generators name a users row User.

// Singular returns a snake_case name with its last word made singular
// (task_labels -> task_label), or the name itself when that word is singular
// already or the inflector is not sure.
func Singular(name string) string {
	return inflectLast(name, SingularOf)
}

// Plural returns a snake_case name with its last word made plural
// (task_label -> task_labels), or the name itself when the inflector is not
// sure the word is singular.
func Plural(name string) string {
	return inflectLast(name, PluralOf)
}

func inflectLast(name string, f func(string) (string, bool)) string {
	i := strings.LastIndexByte(name, '_')
	if w, ok := f(strings.ToLower(name[i+1:])); ok {
		return name[:i+1] + w
	}
	return name
}

// NounNumber is what a noun's form says about how many it names.
type NounNumber int

const (
	// NumberUnsure: an uncountable noun (data, feedback), a noun whose two
	// forms are one (series, sheep), or a word this inflector cannot judge.
	NumberUnsure NounNumber = iota
	NumberSingular
	NumberPlural
)

// NumberOf judges a lower-case English noun.
func NumberOf(w string) NounNumber {
	switch {
	case len(w) < 3 || !strings.ContainsAny(w, "aeiou") || strings.ContainsAny(w, "0123456789"):
		return NumberUnsure // too short to judge, an acronym (sms, crm), or a code
	case uncountable(w), collectiveNouns[w]:
		return NumberUnsure
	case irregularSingular[w] != "" || lastWordIrregular(w, singularEndings) != "":
		return NumberSingular
	case irregularPlural[w] != "" || lastWordIrregular(w, pluralEndings) != "":
		return NumberPlural
	}
	if strings.HasSuffix(w, "s") {
		switch {
		case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "sis"), singularInS[w]:
			return NumberSingular
		case strings.HasSuffix(w, "ous"):
			return NumberUnsure // an adjective: various, miscellaneous
		case strings.HasSuffix(w, "us"):
			return usNumber(w)
		}
		return NumberPlural
	}
	switch {
	case strings.HasSuffix(w, "men"):
		if singularInMen[w] {
			return NumberSingular
		}
		return NumberUnsure // salesmen, or a word we do not know
	case strings.HasSuffix(w, "i"):
		if singularInI[w] {
			return NumberSingular
		}
		return NumberUnsure // alumni, cacti — or an unknown word
	case strings.HasSuffix(w, "ae"), strings.HasSuffix(w, "ed"), strings.HasSuffix(w, "ly"):
		if countableNouns[w] {
			return NumberSingular
		}
		return NumberUnsure // formulae; archived; daily
	case strings.HasSuffix(w, "ing"):
		if countableNouns[w] {
			return NumberSingular
		}
		return NumberUnsure // billing, tracking, onboarding
	}
	return NumberSingular
}

// usNumber judges a word ending in -us: status is singular, menus plural.
func usNumber(w string) NounNumber {
	switch {
	case singularInUs[w]:
		return NumberSingular
	case singularInU[w[:len(w)-1]]:
		return NumberPlural
	}
	return NumberUnsure
}

// PluralOf returns the plural of a singular noun; ok is false when it is
// not sure.
func PluralOf(w string) (string, bool) {
	if NumberOf(w) != NumberSingular {
		return "", false
	}
	if p := irregularSingular[w]; p != "" {
		return p, true
	}
	if s := lastWordIrregular(w, singularEndings); s != "" {
		return w[:len(w)-len(s)] + singularEndings[s], true
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "sis"):
		return w[:n-2] + "es", true // analysis -> analyses
	case strings.HasSuffix(w, "man"):
		return w[:n-3] + "men", true // chairman -> chairmen (human is irregular)
	case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[n-2])):
		return w[:n-1] + "ies", true // category -> categories; day -> days
	case strings.HasSuffix(w, "quy"):
		return w[:n-1] + "ies", true // soliloquy -> soliloquies
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch") && !chPronouncedK[w]:
		return w + "es", true // status -> statuses, box -> boxes, match -> matches
	case strings.HasSuffix(w, "o") && takesOes[w]:
		return w + "es", true // hero -> heroes; photo -> photos
	}
	if v := fToVes(w); v != "" {
		return v, true
	}
	return w + "s", true
}

// SingularOf returns the singular of a plural noun; ok is false when it is
// not sure.
func SingularOf(w string) (string, bool) {
	if NumberOf(w) != NumberPlural {
		return "", false
	}
	if s := irregularPlural[w]; s != "" {
		return s, true
	}
	if p := lastWordIrregular(w, pluralEndings); p != "" {
		return w[:len(w)-len(p)] + pluralEndings[p], true
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies"):
		if ieNouns[w[:n-1]] {
			return w[:n-1], true // movies -> movie
		}
		return w[:n-3] + "y", true // categories -> category
	case strings.HasSuffix(w, "ves"):
		if f := vesToF(w); f != "" {
			return f, true // leaves -> leaf, knives -> knife
		}
		return w[:n-1], true // archives -> archive
	case strings.HasSuffix(w, "oes"):
		if takesOes[w[:n-2]] {
			return w[:n-2], true // heroes -> hero
		}
		return w[:n-1], true // shoes -> shoe
	case strings.HasSuffix(w, "ses"):
		return sesSingular(w), true
	case strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "tzes"),
		strings.HasSuffix(w, "zzes"):
		return w[:n-2], true // boxes, dishes, waltzes, buzzes (quizzes is irregular)
	case strings.HasSuffix(w, "ches"):
		if cheNouns[w[:n-1]] {
			return w[:n-1], true // caches -> cache
		}
		return w[:n-2], true // matches -> match
	}
	return w[:n-1], true
}

// sesSingular is the singular of a plural ending in -ses.
func sesSingular(w string) string {
	n := len(w)
	switch stem := w[:n-2]; {
	case strings.HasSuffix(w, "sses"):
		return stem // addresses -> address
	case singularInUs[stem] || singularInS[stem]:
		return stem // statuses -> status, aliases -> alias
	case sisNouns[w[:n-2]+"is"]:
		return w[:n-2] + "is" // analyses -> analysis
	}
	return w[:n-1] // cases -> case, databases -> database
}

// lastWordIrregular returns the ending of w found in endings (a compound of an
// irregular noun: salesperson, grandchildren), or "".
func lastWordIrregular(w string, endings map[string]string) string {
	for e := range endings {
		if strings.HasSuffix(w, e) && len(w) > len(e) {
			return e
		}
	}
	return ""
}

// fToVes returns the -ves plural of a noun in -f or -fe, or "".
func fToVes(w string) string {
	for _, f := range fNouns {
		if strings.HasSuffix(w, f) {
			return w[:len(w)-len(f)] + fPlural(f)
		}
	}
	return ""
}

// vesToF returns the -f or -fe singular of a plural in -ves, or "".
func vesToF(w string) string {
	if strings.HasSuffix(w, "olives") {
		return ""
	}
	for _, f := range fNouns {
		if p := fPlural(f); strings.HasSuffix(w, p) {
			return w[:len(w)-len(p)] + f
		}
	}
	return ""
}

// fPlural is the plural of a noun in fNouns: leaf -> leaves, knife -> knives.
func fPlural(f string) string {
	return strings.TrimSuffix(strings.TrimSuffix(f, "e"), "f") + "ves"
}

// uncountable reports whether w names a mass or a noun whose singular and
// plural are one word.
func uncountable(w string) bool {
	if uncountableNouns[w] {
		return true
	}
	for _, s := range []string{"ware", "craft", "fish", "sheep", "deer", "data", "media", "info"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func wordPairs(words string) map[string]string {
	m := map[string]string{}
	f := strings.Fields(words)
	for i := 0; i+1 < len(f); i += 2 {
		m[f[i]] = f[i+1]
	}
	return m
}

func invertWords(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

var (
	// uncountableNouns have no plural, or one that is the same word.
	uncountableNouns = wordSet(`
		access accessibility advice aircraft analytics audio auth
		authentication authorization availability aws baggage barracks bison cash cattle chaos chassis clothing
		compatibility compensation config connectivity content corps cosmos
		crossroads data
		debris deer demographics diabetes documentation economics electricity
		eligibility equipment ethics
		ethos evidence feedback firmware fish furniture gallows garbage hardware
		headquarters health history homework inbox income information
		infrastructure inventory ios jewellery jewelry knowledge kudos legislation
		linguistics logistics luggage macos mail malware mathematics means measles
		media
		metadata middleware money moose mumps music news offspring outbox pathos
		nightlife payroll personnel physics police politics pos privacy
		progress rabies reliability research revenue rice salmon security
		series sheep shrimp software spam species
		squid staff statistics stock storage swine tennis traffic
		transparency trash trivia trout usage visibility water weather
		wildlife`)

	// collectiveNouns name one thing made of rows, so a table may well be
	// called by the singular in a plural schema: job_queue, audit_trail,
	// product_catalog.
	collectiveNouns = wordSet(`queue store cache registry catalog catalogue
		directory ledger journal archive backlog timeline feed trail index
		leaderboard allowlist blocklist denylist waitlist watchlist
		whitelist blacklist`)

	// irregularSingular maps singular nouns to their irregular plurals.
	irregularSingular = wordPairs(`
		person people child children man men woman women mouse mice louse lice
		goose geese foot feet tooth teeth ox oxen datum data medium media
		criterion criteria phenomenon phenomena automaton automata curriculum
		curricula memorandum memoranda stratum strata millennium millennia
		bacterium bacteria addendum addenda erratum errata spectrum spectra
		quantum quanta cactus cacti fungus fungi nucleus nuclei radius radii
		stimulus stimuli alumnus alumni syllabus syllabi locus loci corpus
		corpora genus genera appendix appendices matrix matrices vertex vertices
		vortex vortices helix helices codex codices index indexes axis axes
		quiz quizzes whiz whizzes fez fezzes human humans german germans roman romans shaman shamans
		talisman talismans caiman caimans ottoman ottomans walkman walkmans
		doberman dobermans passerby passersby formula formulas`)

	// irregularPlural maps irregular plurals to their singulars.
	irregularPlural = func() map[string]string {
		m := invertWords(irregularSingular)
		delete(m, "data") // uncountable in schemas
		delete(m, "media")
		m["indices"] = "index"
		m["dice"] = "die"
		m["bases"] = "base" // databases, not bases of a theory
		m["formulae"] = "formula"
		m["antennae"] = "antenna"
		m["larvae"] = "larva"
		m["vertebrae"] = "vertebra"
		m["consortia"] = "consortium"
		m["symposia"] = "symposium"
		return m
	}()

	// singularEndings and pluralEndings are irregular nouns that form
	// compounds: salesperson, grandchild, policewoman.
	singularEndings = wordPairs(`person people child children woman women`)
	pluralEndings   = invertWords(singularEndings)

	// singularInS are singular nouns ending in a single s (plural -ses).
	singularInS = wordSet(`alias atlas bias canvas gas iris lens pancreas thermos
		trellis pelvis christmas fracas`)

	// singularInUs are singular nouns ending in -us (plural -uses or an
	// irregular one).
	singularInUs = wordSet(`status bus bonus campus census virus apparatus
		consensus prospectus thesaurus abacus chorus circus citrus lotus walrus
		sinus hiatus impetus octopus platypus hippopotamus surplus caucus
		exodus stylus fetus torus rhombus uterus nexus focus terminus minibus
		omnibus cactus fungus nucleus radius stimulus alumnus syllabus locus
		corpus genus`)

	// singularInU are singular nouns ending in -u (plural -us).
	singularInU = wordSet(`menu emu gnu guru tutu haiku sudoku bayou sku cpu gpu
		tpu ecu bureau plateau tableau chateau gateau caribou snafu zebu`)

	// singularInMen are singular nouns ending in -men.
	singularInMen = wordSet(`specimen abdomen regimen omen amen stamen hymen
		ramen acumen albumen lumen bitumen foramen`)

	// singularInI are singular nouns ending in -i (plural -is).
	singularInI = wordSet(`api kpi uri taxi wiki emoji ski kiwi safari bikini
		alibi yeti tsunami rabbi chili khaki salami martini zucchini deli
		okapi`)

	// countableNouns are singular nouns among the endings that are usually
	// not nouns (-ing, -ed, -ly, -ae).
	countableNouns = wordSet(`thing string ring king wing spring sibling ceiling
		building booking listing mapping meeting setting rating reading
		recording holding posting finding offering warning painting ranking
		drawing pairing greeting wedding saving earning heading opening
		ending filing dwelling outing showing screening hearing briefing
		crossing landing serving topping filling encoding embedding binding
		fitting clipping sighting earring
		bed shed sled seed feed breed need speed weed reed deed creed
		family supply assembly anomaly ally rally reply monopoly fly
		butterfly lily jelly belly bully tally gully`)

	// ieNouns are singular nouns ending in -ie (plural -ies).
	ieNouns = wordSet(`movie cookie tie pie lie die calorie zombie rookie selfie
		hoodie brownie smoothie goalie auntie genie prairie sortie freebie
		newbie techie foodie hippie veggie birdie bookie caddie groupie
		oldie goodie collie cutie lingerie rotisserie pixie necktie bowtie
		magpie`)

	// takesOes are nouns in -o whose plural is -oes.
	takesOes = wordSet(`hero potato tomato echo veto torpedo embargo domino
		mosquito volcano buffalo tornado superhero antihero`)

	// chPronouncedK are nouns in -ch said with a k, plural -chs.
	chPronouncedK = wordSet(`stomach epoch monarch patriarch matriarch tech loch
		czech eunuch oligarch triptych psych`)

	// cheNouns are nouns in -che (plural -ches), unlike beach (beaches).
	cheNouns = wordSet(`cache niche avalanche psyche cliche quiche creche fiche
		microfiche moustache mustache panache douche pastiche brioche cloche
		ache headache toothache earache backache heartache stomachache`)

	// sisNouns are nouns in -sis.
	sisNouns = wordSet(`analysis basis crisis thesis diagnosis hypothesis synopsis
		oasis genesis prognosis emphasis parenthesis metamorphosis nemesis
		paralysis dialysis synthesis neurosis psychosis ellipsis catharsis
		axis`)

	// fNouns end in -f or -fe and take -ves in the plural; longest first
	// where one ends another (shelf before elf).
	fNouns = []string{"knife", "wife", "life", "leaf", "half", "wolf", "shelf",
		"self", "calf", "loaf", "thief", "sheaf", "scarf", "wharf", "hoof", "elf"}
)
