// Package notifysql stores notifications and webhook endpoints in the
// project's database (tables notifications and webhook_endpoints,
// migration 0003), implementing notify.Store with one SQL code path for
// SQLite and PostgreSQL through sqlstore.
package notifysql
