package secret

import (
	"crypto/rand"
	"math/big"
)

// Alphabets of a temporary password, without look-alike characters (0/O, 1/l/I)
// so it can be typed from a phone screen.
const (
	pwUpper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	pwLower  = "abcdefghijkmnopqrstuvwxyz"
	pwDigit  = "23456789"
	pwSymbol = "#%+=?@*-"
)

// passwordLength gives about 85 bits of entropy.
const passwordLength = 14

// TemporaryPassword returns a strong random password with at least one
// upper-case letter, lower-case letter, digit and symbol.
func TemporaryPassword() string {
	all := pwUpper + pwLower + pwDigit + pwSymbol
	b := []byte{pick1(pwUpper), pick1(pwLower), pick1(pwDigit), pick1(pwSymbol)}
	for len(b) < passwordLength {
		b = append(b, pick1(all))
	}
	for i := len(b) - 1; i > 0; i-- {
		j := randInt(i + 1)
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func pick1(s string) byte { return s[randInt(len(s))] }

func randInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic("secret: no randomness: " + err.Error())
	}
	return int(v.Int64())
}
