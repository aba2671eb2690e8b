package dev.cqlmigrations.sample.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client with a cookie jar that never follows redirects, so that tests see
 * every step of a browser's conversation with the authorization server.
 */
final class TestBrowser {

	private final String baseUrl;

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	TestBrowser(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * GET a path or an absolute URL.
	 * @param target the path, or a URL from a {@code Location} header
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	HttpResponse<String> get(String target, String... headers) {
		return send(request(target, headers).GET().build());
	}

	/**
	 * POST a form.
	 * @param target the path or URL
	 * @param form the form's field names and values, alternating; a name may repeat
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	HttpResponse<String> postForm(String target, List<String> form, String... headers) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < form.size(); i += 2) {
			fields.add(encode(form.get(i)) + "=" + encode(form.get(i + 1)));
		}
		return send(request(target, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields)))
			.build());
	}

	/**
	 * POST a JSON body.
	 * @param target the path or URL
	 * @param json the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	HttpResponse<String> postJson(String target, String json, String... headers) {
		return send(request(target, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The value of a hidden form field.
	 * @param html the page
	 * @param name the field's name
	 * @return its value
	 */
	static String hiddenField(String html, String name) {
		Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
		if (!input.find()) {
			throw new AssertionError("No field '" + name + "' in:\n" + html);
		}
		Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
		if (!value.find()) {
			throw new AssertionError("Field '" + name + "' has no value: " + input.group());
		}
		return value.group(1);
	}

	static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No Location header, status " + response.statusCode()));
	}

	private HttpRequest.Builder request(String target, String... headers) {
		URI uri = URI.create(target.startsWith("http") ? target : this.baseUrl + target);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
