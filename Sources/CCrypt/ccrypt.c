#include "CCrypt.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

int ebauth_crypt_verify(const char *password, const char *hash) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (data == NULL) return 0;
    const char *computed = crypt_r(password, hash, data);
    int result = 0;
    // libxcrypt returns NULL or a string starting with '*' for a setting it cannot use.
    if (computed != NULL && computed[0] != '*') {
        size_t a = strlen(computed), b = strlen(hash);
        if (a == b) {
            unsigned char diff = 0;
            for (size_t i = 0; i < a; i++) diff |= (unsigned char)(computed[i] ^ hash[i]);
            result = diff == 0;
        }
    }
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return result;
}

int ebauth_crypt_bcrypt(const char *password, int cost, char *out, size_t out_size) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (data == NULL) return 0;
    int result = 0;
    // NULL random bytes: libxcrypt takes them from the operating system.
    const char *setting = crypt_gensalt_rn("$2y$", (unsigned long)cost, NULL, 0, data->setting, sizeof(data->setting));
    if (setting != NULL) {
        const char *hash = crypt_r(password, setting, data);
        if (hash != NULL && hash[0] != '*' && strlen(hash) < out_size) {
            strcpy(out, hash);
            result = 1;
        }
    }
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return result;
}
