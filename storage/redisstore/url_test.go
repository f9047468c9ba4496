package redisstore

import (
	"slices"
	"testing"
	"time"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		name, url string
		addrs     []string
		db        int
		master    string
		cluster   bool
		tls       bool
	}{
		{"single", "redis://:pw@10.0.0.1:6380/2", []string{"10.0.0.1:6380"}, 2, "", false, false},
		{"single tls", "rediss://cache.example:6379/0", []string{"cache.example:6379"}, 0, "", false, true},
		{"sentinel scheme", "redis+sentinel://s1:26379/1?master_name=mymaster&addr=s2:26379",
			[]string{"s1:26379", "s2:26379"}, 1, "mymaster", false, false},
		{"sentinel by option", "redis://s1:26379?master_name=m", []string{"s1:26379"}, 0, "m", false, false},
		{"cluster scheme", "rediss+cluster://n1:7000?addr=n2:7001", []string{"n1:7000", "n2:7001"}, 0, "", true, true},
		{"cluster by addr", "redis://n1:7000?addr=n2:7001&addr=n3:7002", []string{"n1:7000", "n2:7001", "n3:7002"}, 0, "", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := ParseURL(tc.url)
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", tc.url, err)
			}
			if !slices.Equal(o.Addrs, tc.addrs) || o.DB != tc.db || o.MasterName != tc.master ||
				o.IsClusterMode != tc.cluster || (o.TLSConfig != nil) != tc.tls {
				t.Errorf("ParseURL(%q): got addrs %v db %d master %q cluster %v tls %v; want %v %d %q %v %v",
					tc.url, o.Addrs, o.DB, o.MasterName, o.IsClusterMode, o.TLSConfig != nil,
					tc.addrs, tc.db, tc.master, tc.cluster, tc.tls)
			}
		})
	}
	for _, bad := range []string{"http://x", "redis+sentinel://s1:26379", "redis://h/x/y", "redis://h?bogus=1"} {
		if _, err := ParseURL(bad); err == nil {
			t.Errorf("ParseURL(%q): got nil error", bad)
		}
	}
	o, err := ParseURL("redis://:pw@h:1/0?pool_size=7&dial_timeout=2s")
	if err != nil || o.Password != "pw" || o.PoolSize != 7 || o.DialTimeout.Seconds() != 2 {
		t.Errorf("options: got %+v, %v", o, err)
	}
}

// TestParseURLKeepsSettings: settings written in the URL reach the client
// whatever the mode (credentials, timeouts, pool size).
func TestParseURLKeepsSettings(t *testing.T) {
	for _, url := range []string{
		"redis://ct:secreto@10.0.0.1:6379/3?dial_timeout=3s&pool_size=7",
		"redis+sentinel://ct:secreto@s1:26379/3?master_name=m&dial_timeout=3s&pool_size=7",
		"redis+cluster://ct:secreto@n1:7000?addr=n2:7001&dial_timeout=3s&pool_size=7",
	} {
		o, err := ParseURL(url)
		if err != nil {
			t.Fatalf("ParseURL(%q): %v", url, err)
		}
		user, pw := o.Username, o.Password
		if o.MasterName != "" { // a Sentinel URL's user info logs in to the sentinels
			user, pw = o.SentinelUsername, o.SentinelPassword
		}
		if user != "ct" || pw != "secreto" || o.DialTimeout != 3*time.Second || o.PoolSize != 7 {
			t.Errorf("ParseURL(%q): user %q password set %v dial %v pool %d", url, user, pw != "", o.DialTimeout, o.PoolSize)
		}
	}
}
