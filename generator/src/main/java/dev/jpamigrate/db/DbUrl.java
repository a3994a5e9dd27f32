package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location, from a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..&password=..}) or the libpq
 * form ({@code postgresql://user:pass@host:port/db}). Credentials are kept apart so that they are never printed.
 */
public record DbUrl(String host, int port, String database, String user, String password, String params) {
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password=)[^&\\s;]*");
    private static final Pattern SECRET_USERINFO = Pattern.compile("(://[^:/@\\s]+:)[^@\\s]*@");

    public static DbUrl parse(String url) {
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        if (text.startsWith("postgres://")) {
            text = "postgresql://" + text.substring("postgres://".length());
        }
        if (!text.startsWith("postgresql://")) {
            throw new MigrateException("not a PostgreSQL URL: '" + mask(url)
                    + "'. Use jdbc:postgresql://host:port/db?user=..&password=.. or postgresql://user:pass@host:port/db");
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new MigrateException("malformed database URL '" + mask(url) + "': " + mask(e.getMessage()));
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        List<String> rest = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                String[] kv = param.split("=", 2);
                String key = kv[0];
                String value = kv.length > 1 ? decode(kv[1]) : "";
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                } else if (!key.isEmpty()) {
                    rest.add(param);
                }
            }
        }
        if (database.isEmpty()) {
            database = user != null ? user : "postgres";
        }
        return new DbUrl(host, port, database, user == null ? "postgres" : user, password, String.join("&", rest));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostAndPort() + "/" + database + (params.isEmpty() ? "" : "?" + params);
    }

    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public DbUrl withDatabase(String name) {
        return new DbUrl(host, port, name, user, password, params);
    }

    /** The URL for people: no password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + hostAndPort() + "/" + database;
    }

    /** Replaces any password in a text (URL parameters or user:pass@) with ***. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return SECRET_USERINFO.matcher(SECRET_PARAM.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }
}
