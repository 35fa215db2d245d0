// Package open311 serves the procedure catalogue as the service list of
// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), so that
// civic apps built for Open311 can list what the city's units do:
//
//	GET /open311/v2/services.json   and .xml   every published procedure
//	GET /open311/v2/services/{code}.json and .xml   its service definition
//
// Each service is a procedure: service_code is the national code, group
// its field, type "batch" (a dossier is handled over days, not at once),
// metadata false and the definition's attributes empty, since a procedure
// asks for documents rather than extra form fields. Requests (dossiers and
// feedback) are not served yet.
//
// Errors follow the specification too, not the portal's JSON envelope: a
// list of {code, description} in the format asked for.
package open311
