package dev.cqlmigrations.sample.oauth;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * Writes and reads the maps of Spring Authorization Server (authorization attributes, token
 * metadata, client and token settings) as JSON, with Spring Security's Jackson modules and
 * their type allow list, as Spring's own {@code JdbcOAuth2AuthorizationService} does.
 */
public final class OAuthJson {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper mapper;

	/**
	 * Creates a mapper with the Spring Security modules found on this class's class loader.
	 */
	public OAuthJson() {
		ClassLoader classLoader = OAuthJson.class.getClassLoader();
		this.mapper = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(classLoader)).build();
	}

	/**
	 * Serializes a map, keeping the type information needed to read it back.
	 * @param map the map to write
	 * @return its JSON text
	 */
	public String write(Map<String, Object> map) {
		return this.mapper.writeValueAsString(map);
	}

	/**
	 * Reads a map written by {@link #write(Map)}.
	 * @param json the JSON text
	 * @return the map
	 */
	public Map<String, Object> read(String json) {
		return this.mapper.readValue(json, MAP);
	}

}
