// Package leaktest checks that a secret, such as a temporary password, is
// stored nowhere in a store's data: in every key and value under a Redis
// store's prefix, and in an SQLite store, both in every row of every table
// and in the bytes of its files (database, WAL, shared memory, journal),
// where deleted rows may linger.
//
// A secret is looked for as it is and as JSON, a URL query or base64 (at
// any alignment) would spell it, so a record that encodes its payload
// hides nothing. The Find functions report where it was found; Redis and
// SQLite fail the test when it was.
package leaktest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"testing"
)

// MinLen is the shortest secret the package looks for: a shorter one
// could turn up by chance.
const MinLen = 8

// Forms returns the byte strings under which secret would appear if it
// were stored: as it is, JSON-escaped (with and without HTML escaping),
// query-escaped, and the part of its base64 (standard and URL alphabets)
// that is the same wherever it starts in a longer value.
func Forms(secret string) [][]byte {
	var forms [][]byte
	add := func(b []byte) {
		if len(b) > 0 && !slices.ContainsFunc(forms, func(f []byte) bool { return bytes.Equal(f, b) }) {
			forms = append(forms, b)
		}
	}
	add([]byte(secret))
	for _, html := range []bool{true, false} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(html)
		enc.Encode(secret)
		add(bytes.Trim(bytes.TrimSpace(buf.Bytes()), `"`))
	}
	add([]byte(url.QueryEscape(secret)))
	add([]byte(url.PathEscape(secret)))
	// In a longer value the secret starts at some offset; whichever of its
	// first three bytes begins a 3-byte group, the groups after it encode
	// the same way.
	for shift := range 3 {
		rest := []byte(secret)[min(shift, len(secret)):]
		whole := rest[:len(rest)/3*3]
		if len(whole) < 6 {
			continue
		}
		add([]byte(base64.RawStdEncoding.EncodeToString(whole)))
		add([]byte(base64.RawURLEncoding.EncodeToString(whole)))
	}
	return forms
}

// matcher finds any form of one secret.
type matcher [][]byte

func newMatcher(secret string) (matcher, error) {
	if len(secret) < MinLen {
		return nil, fmt.Errorf("leaktest: secret %q is shorter than %d bytes", secret, MinLen)
	}
	return Forms(secret), nil
}

func (m matcher) in(b []byte) bool {
	for _, f := range m {
		if bytes.Contains(b, f) {
			return true
		}
	}
	return false
}

func report(tb testing.TB, where string, found []string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("leaktest: %s: %v", where, err)
	}
	for _, f := range found {
		tb.Errorf("the secret is stored in %s: %s", where, f)
	}
}
