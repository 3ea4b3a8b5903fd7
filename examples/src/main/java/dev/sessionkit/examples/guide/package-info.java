/**
 * The code the README shows, as classes that compile and run: each snippet sits between {@code //
 * [readme:name]} and {@code // [readme:name-end]}, and {@code ReadmeSnippetsTest} checks that the
 * README holds it verbatim, with the imports it needs. The quick starts run in {@code QuickStartIT}
 * over real HTTP; the other classes here are run by {@code GuideSnippetsTest}.
 */
package dev.sessionkit.examples.guide;
