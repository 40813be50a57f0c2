// The Android app's Gradle build includes this module (`include(":core")` in apps/android/settings.gradle.kts).
// Here, without Gradle, the same sources are built and tested by Maven (pom.xml); keep the versions in step.
// Versions come from ../build.gradle.kts (a plugin already on the build's classpath must not name a version again).
plugins {
    kotlin("jvm")
    kotlin("plugin.serialization")
    `java-library`
}

kotlin { jvmToolchain(17) }

dependencies {
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0")
    api("org.jetbrains.kotlinx:kotlinx-serialization-json:1.12.0")
    api("com.squareup.okhttp3:okhttp:5.5.1")
    implementation("org.msgpack:msgpack-core:0.9.12")
    // JVM natives (linux, macOS, Windows) are inside this jar; the Android app adds org.automerge:androidnative.
    api("org.automerge:automerge:0.0.7")

    testImplementation("org.junit.jupiter:junit-jupiter:5.14.4")
    testImplementation("org.jetbrains.kotlinx:kotlinx-coroutines-test:1.11.0")
    testImplementation("com.squareup.okhttp3:mockwebserver3:5.5.1")
}

tasks.test {
    useJUnitPlatform()
    systemProperty("pocdojo.repoRoot", rootDir.resolve("../..").absolutePath)
}
