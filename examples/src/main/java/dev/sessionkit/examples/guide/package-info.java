/**
 * The code the README shows, as classes that compile: each snippet sits between {@code //
 * [readme:name]} and {@code // [readme:name-end]}, and {@code ReadmeSnippetsTest} checks that the
 * README holds it verbatim. The quick starts run in {@code QuickStartIT} over real HTTP.
 */
package dev.sessionkit.examples.guide;
