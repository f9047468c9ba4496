//go:build race

package storetest

// raceEnabled skips the slowest bulk case, which the race detector makes
// several times slower without adding coverage of concurrent code.
const raceEnabled = true
