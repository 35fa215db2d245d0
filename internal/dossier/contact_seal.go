package dossier

import (
	"encoding/json"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/keyring"
)

// contactPurpose is the keyring purpose of sealed applicant contacts.
const contactPurpose = "dossier-contact"

// sealedContact is the contact as sealed: Contact itself marshals masked.
type sealedContact struct {
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// SealContact seals c for storage, bound to the dossier's receipt code so
// a sealed contact copied to another dossier does not open. It returns ""
// for an empty contact, and Internal when sealing fails.
func SealContact(keys *keyring.Keyring, c Contact, receiptCode string) (string, error) {
	if c.IsZero() {
		return "", nil
	}
	raw, err := json.Marshal(sealedContact{Email: c.Email, Phone: c.Phone})
	if err != nil {
		return "", errs.E("dossier.SealContact", errs.Internal, err)
	}
	return keys.Seal(contactPurpose, raw, []byte(receiptCode))
}

// OpenContact returns the contact sealed by SealContact for the dossier
// with receiptCode, in clear, for sending notifications; the zero Contact
// for "". It returns Internal when the sealed contact does not open
// (another secret key, damaged data, another dossier's contact).
func OpenContact(keys *keyring.Keyring, sealed, receiptCode string) (Contact, error) {
	const op = "dossier.OpenContact"
	raw, err := keys.Open(contactPurpose, sealed, []byte(receiptCode))
	if err != nil {
		return Contact{}, errs.E(op, err)
	}
	if raw == nil {
		return Contact{}, nil
	}
	var c sealedContact
	if err := json.Unmarshal(raw, &c); err != nil {
		return Contact{}, errs.E(op, errs.Internal, err)
	}
	return Contact{Email: c.Email, Phone: c.Phone}, nil
}
