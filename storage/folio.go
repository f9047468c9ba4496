package storage

import (
	"crypto/rand"
	"encoding/hex"
)

// NewFolioToken returns a fresh placeholder for Change.FolioToken. It is
// random, so no text a person typed can contain it by accident or on
// purpose, and it survives JSON encoding unchanged (letters, digits, braces
// and a colon only).
func NewFolioToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "{{FOLIO:" + hex.EncodeToString(b[:]) + "}}"
}
