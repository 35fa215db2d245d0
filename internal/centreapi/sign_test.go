package centreapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

// TestSignatureVector computes the signature of a fixed request the way a
// centre's developer would from the documentation, and checks Sign and the
// header round trip against it.
func TestSignatureVector(t *testing.T) {
	body := []byte(`{"items":[]}`)
	bodySum := sha256.Sum256(body)
	toSign := "Cong-HMAC-SHA256\nPOST\n/api/v1/centre/events\n1739160000\nabcdefghijklmnop\n" + hex.EncodeToString(bodySum[:])
	if got := StringToSign("post", "/api/v1/centre/events", 1739160000, "abcdefghijklmnop", body); got != toSign {
		t.Fatalf("string to sign:\n%s\nwant\n%s", got, toSign)
	}
	m := hmac.New(sha256.New, []byte("secret"))
	m.Write([]byte(toSign))
	want := hex.EncodeToString(m.Sum(nil))
	if got := Sign("secret", "POST", "/api/v1/centre/events", 1739160000, "abcdefghijklmnop", body); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	cred := Credentials{KeyID: newKeyID(), Secret: newSecret()}
	h := Authorization(cred, "POST", "/x", time.Unix(1739160000, 0), body)
	sig, err := ParseAuthorization(h)
	if err != nil || sig.KeyID != cred.KeyID || sig.Timestamp != 1739160000 || !sig.verify(cred.Secret, "POST", "/x", body) {
		t.Errorf("round trip of %q: %+v %v", h, sig, err)
	}
	if sig.verify(cred.Secret, "POST", "/x", append(body, ' ')) {
		t.Error("a changed body verifies")
	}
	if !keyIDRE.MatchString(cred.KeyID) || len(cred.Secret) != 43 || strings.ContainsAny(cred.Secret, "+/=") {
		t.Errorf("credentials %+v", cred)
	}
}
