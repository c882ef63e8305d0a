#ifndef LINKDESK_CLIBPQ_SHIM_H
#define LINKDESK_CLIBPQ_SHIM_H
/* libpq (Debian: libpq-dev for the header, libpq5 at run time), PostgreSQL's C client, behind
   LinkdeskPostgres. The binary does NOT link it: libpq pulls in some twenty libraries (Kerberos,
   LDAP, SASL, OpenSSL) whose loading and relocation every start of the CLI would pay, SQLite users
   included. LinkdeskPostgres loads it with dlopen on first use (Sources/LinkdeskPostgres/LibPQ.swift)
   through the function-pointer types below, so Swift never references a libpq symbol. */
#include <postgresql/libpq-fe.h>
typedef __typeof__(&PQclear) linkdesk_PQclear_fn;
typedef __typeof__(&PQcmdTuples) linkdesk_PQcmdTuples_fn;
typedef __typeof__(&PQconnectdbParams) linkdesk_PQconnectdbParams_fn;
typedef __typeof__(&PQconsumeInput) linkdesk_PQconsumeInput_fn;
typedef __typeof__(&PQdb) linkdesk_PQdb_fn;
typedef __typeof__(&PQerrorMessage) linkdesk_PQerrorMessage_fn;
typedef __typeof__(&PQexec) linkdesk_PQexec_fn;
typedef __typeof__(&PQexecParams) linkdesk_PQexecParams_fn;
typedef __typeof__(&PQfinish) linkdesk_PQfinish_fn;
typedef __typeof__(&PQfname) linkdesk_PQfname_fn;
typedef __typeof__(&PQfreemem) linkdesk_PQfreemem_fn;
typedef __typeof__(&PQftype) linkdesk_PQftype_fn;
typedef __typeof__(&PQgetisnull) linkdesk_PQgetisnull_fn;
typedef __typeof__(&PQgetlength) linkdesk_PQgetlength_fn;
typedef __typeof__(&PQgetvalue) linkdesk_PQgetvalue_fn;
typedef __typeof__(&PQhost) linkdesk_PQhost_fn;
typedef __typeof__(&PQnfields) linkdesk_PQnfields_fn;
typedef __typeof__(&PQnotifies) linkdesk_PQnotifies_fn;
typedef __typeof__(&PQntuples) linkdesk_PQntuples_fn;
typedef __typeof__(&PQport) linkdesk_PQport_fn;
typedef __typeof__(&PQresultErrorField) linkdesk_PQresultErrorField_fn;
typedef __typeof__(&PQresultErrorMessage) linkdesk_PQresultErrorMessage_fn;
typedef __typeof__(&PQresultStatus) linkdesk_PQresultStatus_fn;
typedef __typeof__(&PQsocket) linkdesk_PQsocket_fn;
typedef __typeof__(&PQstatus) linkdesk_PQstatus_fn;
typedef __typeof__(&PQsendQuery) linkdesk_PQsendQuery_fn;
typedef __typeof__(&PQsendQueryParams) linkdesk_PQsendQueryParams_fn;
typedef __typeof__(&PQgetResult) linkdesk_PQgetResult_fn;
typedef __typeof__(&PQisBusy) linkdesk_PQisBusy_fn;
typedef __typeof__(&PQflush) linkdesk_PQflush_fn;
typedef __typeof__(&PQsendPrepare) linkdesk_PQsendPrepare_fn;
typedef __typeof__(&PQsendQueryPrepared) linkdesk_PQsendQueryPrepared_fn;
typedef __typeof__(&PQsetNoticeProcessor) linkdesk_PQsetNoticeProcessor_fn;
#endif
