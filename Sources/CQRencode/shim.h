#ifndef LINKDESK_CQRENCODE_SHIM_H
#define LINKDESK_CQRENCODE_SHIM_H
/* libqrencode (Debian: libqrencode-dev), the QR Code encoder behind `linkdesk qr`. */
#include <qrencode.h>
#endif
