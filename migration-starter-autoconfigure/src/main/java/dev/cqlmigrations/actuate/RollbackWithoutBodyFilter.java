package dev.cqlmigrations.actuate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * {@link Filter} used to accept {@code POST .../migrations/rollback} without a body and without
 * {@code Content-Type}, as an operator's {@code curl -X POST} sends it. Actuator write operations
 * only match JSON content types, so such a request would otherwise be answered with 415; with no
 * body there is nothing to misread, and the request is passed on as an empty JSON one.
 */
public class RollbackWithoutBodyFilter implements Filter {

	private static final String CONTENT_TYPE = "Content-Type";

	private static final String JSON = "application/json";

	private static final String PATH_SUFFIX = "/migrations/rollback";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && isBodylessRollback(http)) {
			chain.doFilter(new JsonContentTypeRequest(http), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isBodylessRollback(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && request.getRequestURI() != null
				&& request.getRequestURI().endsWith(PATH_SUFFIX) && request.getContentType() == null
				&& request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
	}

	private static final class JsonContentTypeRequest extends HttpServletRequestWrapper {

		JsonContentTypeRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return JSON;
		}

		@Override
		public String getHeader(String name) {
			return CONTENT_TYPE.equalsIgnoreCase(name) ? JSON : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(JSON))
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
			names.add(CONTENT_TYPE);
			return Collections.enumeration(names);
		}

	}

}
