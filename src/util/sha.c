/* sha.c - SHA-256 through libcrypto opened on first use (see sha.h). */
#include "sha.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "dl.h"

#ifndef GR_CRYPTO_SONAME
#error "GR_CRYPTO_SONAME (libcrypto's soname) is set by CMakeLists.txt"
#endif

static struct {
    __typeof__(EVP_Digest) *EVP_Digest;
    __typeof__(EVP_sha256) *EVP_sha256;
    __typeof__(HMAC) *HMAC;
} crypto;

#define SYM(f) GR_DL_SYM(__typeof__(crypto), f, #f)
static const gr_dl_sym syms[] = {SYM(EVP_Digest), SYM(EVP_sha256), SYM(HMAC)};

static gr_dl_lib lib = GR_DL_LIB(GR_CRYPTO_SONAME, syms, &crypto);

int gr_sha_load(char *err, size_t errlen) { return gr_dl_load(&lib, err, errlen); }

void gr_sha256(const void *data, size_t len, unsigned char md[32])
{
    unsigned int n = 0;
    crypto.EVP_Digest(data, len, md, &n, crypto.EVP_sha256(), NULL);
}

void gr_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n, unsigned char out[32])
{
    unsigned len = 32;
    crypto.HMAC(crypto.EVP_sha256(), key, (int)keylen, msg, n, out, &len);
}
