package dev.cqlmigrations.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.actuate.MigrationsEndpoint.MigrationsDescriptor;

/**
 * Writes the JSON of {@code migrate status --json}: the {@link MigrationsDescriptor} of
 * {@code GET /actuator/migrations}, serialized the way the actuator serializes it (Boot's
 * endpoint {@link JsonMapper}: Jackson 3, {@code null} values left out, times as ISO-8601
 * instants). One shape, one serializer, for scripts and for HTTP clients alike.
 * <p>
 * Needs Jackson 3 and {@code spring-boot-actuator} on the classpath, as an application serving
 * {@code /actuator/migrations} has.
 */
public final class StatusJson {

	private StatusJson() {
	}

	/**
	 * Formats the status.
	 * @param descriptor the status, from {@link MigrationsEndpoint#describe}
	 * @return one JSON object, pretty-printed, ending with a line break
	 */
	public static String format(MigrationsDescriptor descriptor) {
		return Mapper.INSTANCE.writerWithDefaultPrettyPrinter().writeValueAsString(descriptor) + "\n";
	}

	/**
	 * Whether the classes {@code --json} needs are present.
	 * @param classLoader the application's class loader
	 * @return {@code true} when Jackson 3 and the actuator are on the classpath
	 */
	static boolean isAvailable(ClassLoader classLoader) {
		return isPresent("tools.jackson.databind.json.JsonMapper", classLoader)
				&& isPresent("org.springframework.boot.actuate.endpoint.OperationResponseBody", classLoader);
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	// Built as Boot's JacksonEndpointAutoConfiguration builds the endpoint's mapper; in a holder
	// class, so that nothing loads Jackson unless --json is asked for.
	private static final class Mapper {

		static final JsonMapper INSTANCE = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
				.withContentInclusion(JsonInclude.Include.NON_NULL))
			.build();

	}

}
