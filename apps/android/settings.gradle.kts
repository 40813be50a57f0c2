// The Android build: the app and the pure Kotlin core it is built on.
// Needs Google's Maven repository (Android Gradle Plugin, androidx, Compose): open this folder in Android Studio.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "pocdojo-android"
include(":core", ":app")
