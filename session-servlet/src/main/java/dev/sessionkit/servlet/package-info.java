/**
 * The servlet adapter: {@code SessionFilter}, the {@code HttpSession} bridge and {@code
 * RequireSession}.
 */
package dev.sessionkit.servlet;
