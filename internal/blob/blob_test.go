package blob

import "testing"

func TestValidKey(t *testing.T) {
	for _, k := range []string{"a", "image/ab/0123abcd", "x.y_z-1"} {
		if err := ValidKey(k); err != nil {
			t.Errorf("ValidKey(%q) = %v", k, err)
		}
	}
	for _, k := range []string{"", "/a", "a/", "a//b", "../a", "a/../b", ".tmp-1", "A", "a b", "a\\b", "ả"} {
		if ValidKey(k) == nil {
			t.Errorf("ValidKey(%q) accepted", k)
		}
	}
}
