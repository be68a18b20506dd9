package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// SecurityPlaintextSecret flags string columns named like a password, a
// token or a key.
var SecurityPlaintextSecret = &Rule{
	Name:     "security/plaintext-secret",
	Summary:  "a password, token or key is stored as plain text",
	Severity: model.Error,
	Doc: `A credential stored as written (` + "`password`" + `, ` + "`api_key`" + `, ` + "`reset_token`" + `,
` + "`client_secret`" + `) is handed to everyone who can read the table, a replica, a
backup, a dump or a slow-query log, and lets them sign in as its owner. This
is a vulnerability, not a matter of style, so the rule is an error by
default: it fails ` + "`dbspec check`" + ` in CI.

Store a slow hash of a password (argon2id, bcrypt) and a fast hash (SHA-256)
of a random token or API key that you issue, and compare hashes. The fix
renames the column to ` + "`<name>_hash`" + ` everywhere; the application must then
write hashes into it. A secret the application has to use as it is cannot be
hashed: encrypt it instead (with a key kept outside the database). That is
the second fix, ` + "`<name>_encrypted`" + `, for a token of another service (an OAuth
refresh token for a provider's API), and the only one for a private,
signing or secret key and for the seed of one-time passwords (` + "`otp_secret`" + `).

The rule reads the last words of the name: ` + "`password`, `passwd`, `passphrase`,\n`secret`, `token`, `api_key`, `private_key`, `secret_key`, `signing_key`" + ` (so
` + "`user_password`, `reset_token`, `client_secret`, `access_token`" + ` too) on string
and bytea columns. Names that say the value is protected are fine
(` + "`password_hash`, `hashed_password`, `token_digest`, `api_key_encrypted`, `password_salt`" + `),
as are names that are about the secret rather than the secret
(` + "`password_changed_at`, `token_expires_at`, `api_key_prefix`" + `), and tokens that are
not credentials: push and device tokens, CSRF tokens, page and sync cursors.

Bad:

` + "```dbspec" + `
table users {
  id       uuid pk default(gen_random_uuid())
  password text
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id            uuid pk default(gen_random_uuid())
  password_hash text
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore security/plaintext-secret the column holds a vault path, not the secret`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				elem := c.Type
				elem.Dims = 0
				if c.Incomplete || !isTextType(elem) && elem.Name != "bytea" {
					continue
				}
				secret := secretWord(c.Name)
				if secret == "" {
					continue
				}
				// A password is only ever compared, and so is a token or key
				// we issue: hash it. A token of another service, used to call
				// it, cannot be hashed: encrypt it. A private key or the seed of
				// one-time passwords is always used as it is.
				suffixes, hint := []string{"_hash", "_encrypted"}, "store its hash in "+c.Name+"_hash"
				switch {
				case secret == "password" || secret == "passwd" || secret == "passphrase":
					suffixes = suffixes[:1]
				case readBack(c.Name):
					suffixes, hint = suffixes[1:], "encrypt it into "+c.Name+"_encrypted"
				}
				var fixes []Fix
				for _, suffix := range suffixes {
					if name := c.Name + suffix; t.Column(name) == nil {
						fixes = append(fixes, Fix{Title: "Rename to " + name, Edits: pass.Schema.Rename(c, name)})
					}
				}
				pass.Reportf(pass.Loc(c.Site), fixes, "column %q stores a secret in plain text: %s", c.Name, hint)
			}
		}
	},
}

// secretNames are the last words of the names of credentials.
var secretNames = [][]string{
	{"password"}, {"passwd"}, {"passphrase"}, {"secret"}, {"secrets"}, {"token"}, {"tokens"},
	{"api", "key"}, {"apikey"}, {"private", "key"}, {"secret", "key"}, {"signing", "key"},
}

// protectedWords say that a value is not stored as written.
var protectedWords = []string{
	"hash", "hashed", "digest", "encrypted", "enc", "ciphertext", "cipher", "crypt",
	"bcrypt", "scrypt", "argon2", "sealed", "salt", "hmac",
}

// harmlessTokens are words before "token" that make it no credential.
var harmlessTokens = []string{
	"device", "push", "fcm", "apns", "registration", "csrf", "page", "cursor",
	"continuation", "sync", "next", "idempotency",
}

// readBack reports whether a secret named name must be used as it is,
// so that it can be encrypted but not hashed: a private or signing key, or
// the seed of one-time passwords.
func readBack(name string) bool {
	words := nameWords(name)
	if endsWith(words, "private", "key") || endsWith(words, "signing", "key") || endsWith(words, "secret", "key") {
		return true
	}
	return slices.ContainsFunc(words, func(w string) bool { return w == "otp" || w == "totp" || w == "mfa" || w == "2fa" })
}

// secretWord returns what kind of secret a column named name holds in
// clear ("password", "token", "api_key"), or "".
func secretWord(name string) string {
	words := nameWords(name)
	for _, w := range words {
		if slices.Contains(protectedWords, w) {
			return ""
		}
	}
	for _, n := range secretNames {
		if !endsWith(words, n...) {
			continue
		}
		if i := len(words) - len(n) - 1; model.Singular(n[0]) == "token" && i >= 0 && slices.Contains(harmlessTokens, words[i]) {
			return ""
		}
		return model.Singular(strings.Join(n, "_"))
	}
	return ""
}
