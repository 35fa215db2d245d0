// Package blobtest is the conformance suite every blob.Store adapter
// passes: Run it from the adapter's tests with a constructor of fresh,
// empty stores.
package blobtest
