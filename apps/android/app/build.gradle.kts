// The PocDojo Android app: Jetpack Compose + Material 3 over the pure Kotlin core (:core).
// Never compiled on the project's machines (no Google Maven there): built in Android Studio, see ../README.md.
plugins {
    id("com.android.application")
    kotlin("android")
    kotlin("plugin.compose")
    kotlin("plugin.serialization")
}

android {
    namespace = "app.pocdojo.android"
    compileSdk = 36

    defaultConfig {
        applicationId = "app.pocdojo.android"
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        // The local stack (`npm start`) on the development machine, reached through `adb reverse` (see ../README.md):
        // the dojo engine and object-storage URLs that platform-api hands out are 127.0.0.1 too.
        // Another server: ./gradlew :app:installDebug -Ppocdojo.platformUrl=https://api.example.com
        buildConfigField("String", "PLATFORM_URL", "\"${project.findProperty("pocdojo.platformUrl") ?: "http://127.0.0.1:3000"}\"")
        testInstrumentationRunner = "androidx.test.runner.AndroidJUnitRunner"
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    buildFeatures {
        compose = true
        buildConfig = true
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    packaging {
        // automerge-java's JVM jar carries desktop natives; on Android the natives come from androidnative.
        resources.excludes += setOf("META-INF/{AL2.0,LGPL2.1}", "native/**")
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    implementation(project(":core"))
    implementation("org.automerge:androidnative:0.0.7")

    val composeBom = platform("androidx.compose:compose-bom:2025.10.01")
    implementation(composeBom)
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.material:material-icons-extended")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.compose.ui:ui-tooling-preview")
    debugImplementation("androidx.compose.ui:ui-tooling")
    implementation("androidx.activity:activity-compose:1.11.0")
    implementation("androidx.core:core-ktx:1.17.0")
    implementation("androidx.lifecycle:lifecycle-viewmodel-compose:2.9.4")
    implementation("androidx.lifecycle:lifecycle-runtime-compose:2.9.4")
    implementation("androidx.navigation:navigation-compose:2.9.5")
    implementation("org.jetbrains.kotlinx:kotlinx-serialization-json:1.12.0")

    testImplementation("org.junit.jupiter:junit-jupiter:5.14.4")
    androidTestImplementation(composeBom)
    androidTestImplementation("androidx.compose.ui:ui-test-junit4")
    androidTestImplementation("androidx.test.ext:junit:1.3.0")
}

tasks.withType<Test> { useJUnitPlatform() }
