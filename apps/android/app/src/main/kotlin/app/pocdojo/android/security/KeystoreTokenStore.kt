package app.pocdojo.android.security

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import app.pocdojo.core.api.TokenStore
import app.pocdojo.core.api.Tokens
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The core's [TokenStore] on Android: the tokens are encrypted with AES-GCM under a
 * key that lives in the Android Keystore (never leaves it, hardware-backed where the
 * device has it), and only the ciphertext is kept in private preferences. A key
 * that can no longer decrypt (restored backup, wiped lock screen) reads as signed out.
 */
class KeystoreTokenStore(context: Context) : TokenStore {
    private val prefs = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)

    @Synchronized
    override fun load(): Tokens? {
        val sealed = prefs.getString(KEY_TOKENS, null) ?: return null
        return try {
            val bytes = Base64.decode(sealed, Base64.NO_WRAP)
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES))
            val plain = String(cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES), Charsets.UTF_8)
            val (access, refresh) = plain.split('\n', limit = 2)
            Tokens(access, refresh)
        } catch (e: Exception) {
            prefs.edit().remove(KEY_TOKENS).apply()
            null
        }
    }

    @Synchronized
    override fun save(tokens: Tokens?) {
        if (tokens == null) {
            prefs.edit().remove(KEY_TOKENS).apply()
            return
        }
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key())
        val sealed = cipher.iv + cipher.doFinal("${tokens.accessToken}\n${tokens.refreshToken}".toByteArray(Charsets.UTF_8))
        prefs.edit().putString(KEY_TOKENS, Base64.encodeToString(sealed, Base64.NO_WRAP)).apply()
    }

    private fun key(): SecretKey {
        val keyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }
        (keyStore.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "pocdojo.tokens"
        const val PREFS = "pocdojo.session"
        const val KEY_TOKENS = "tokens"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BITS = 128
    }
}
