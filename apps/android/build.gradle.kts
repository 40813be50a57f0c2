// Plugin versions for every module, applied where needed (core: Kotlin/JVM; app: Android + Compose).
// Kotlin matches core/pom.xml, which builds the core without Gradle.
plugins {
    id("com.android.application") version "8.13.0" apply false
    kotlin("android") version "2.4.10" apply false
    kotlin("jvm") version "2.4.10" apply false
    kotlin("plugin.serialization") version "2.4.10" apply false
    kotlin("plugin.compose") version "2.4.10" apply false
}
