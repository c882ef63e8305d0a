#ifndef LINKDESK_CLIBPQ_SHIM_H
#define LINKDESK_CLIBPQ_SHIM_H
/* libpq (Debian: libpq-dev), PostgreSQL's C client, behind LinkdeskPostgres. */
#include <libpq-fe.h>
#endif
