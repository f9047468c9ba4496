package config

import (
	"slices"
	"strings"
)

// Nearest returns up to n of names closest to got by edit distance, if
// close enough to be a misspelling.
func Nearest(got string, names []string, n int) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	g := strings.ToLower(got)
	for _, name := range names {
		d := editDistance(g, strings.ToLower(name))
		limit := max(2, len([]rune(name))/3)
		if d <= limit || (len(g) >= 3 && strings.HasPrefix(strings.ToLower(name), g)) {
			cs = append(cs, cand{name, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
