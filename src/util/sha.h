/* sha.h - SHA-256 and HMAC-SHA-256 from OpenSSL's libcrypto, opened on first use (util/dl.h):
 * only the store (a file's hash) and the viewer's captcha need them, and libcrypto linked made
 * every run map it and process its relocations before reading a byte. */
#ifndef GR_UTIL_SHA_H
#define GR_UTIL_SHA_H

#include <stddef.h>

/* Opens libcrypto once for the process, from any thread; 0, or -1 with the reason in err. */
int gr_sha_load(char *err, size_t errlen);
/* After gr_sha_load succeeded: */
void gr_sha256(const void *data, size_t len, unsigned char md[32]);
void gr_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n, unsigned char out[32]);

#endif
