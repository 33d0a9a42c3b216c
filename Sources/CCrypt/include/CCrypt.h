#ifndef EBAUTH_CCRYPT_H
#define EBAUTH_CCRYPT_H

#include <stddef.h>

/// Checks `password` against a crypt(3) hash such as an htpasswd bcrypt entry ($2y$, $2b$, $2a$).
/// Returns 1 when it matches, 0 when it does not or the hash is not understood. Thread-safe
/// (crypt_r with a private work area); compares in constant time.
int ebauth_crypt_verify(const char *password, const char *hash);

/// Writes a bcrypt ($2y$, as `htpasswd -B` does) hash of `password` with `cost` (4-31) into
/// `out` (at least 64 bytes). Returns 1 on success, 0 on failure.
int ebauth_crypt_bcrypt(const char *password, int cost, char *out, size_t out_size);

#endif
