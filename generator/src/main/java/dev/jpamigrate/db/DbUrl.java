package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a run goes: one or more PostgreSQL hosts, a database and a user, read from a libpq URI
 * ({@code postgresql://user:pass@host:port/db?param=..}) or a pgjdbc URL ({@code jdbc:postgresql://host:port/db?..}).
 * Secrets ({@code password}, {@code sslpassword}, ...) are kept in {@link #secrets()}, apart from everything that is
 * printed or put in {@link #jdbcUrl()}: pgjdbc and Liquibase print that URL.
 */
public record DbUrl(List<Address> hosts, String database, String user, Map<String, String> params,
                    Map<String, String> secrets) {

    /** One host and its port; an IPv6 address is written in brackets. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** pgjdbc connection properties that hold a secret; their names are matched ignoring case. */
    private static final Set<String> SECRET_NAMES = Set.of("password", "sslpassword", "sslfactoryarg");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:password|sslfactoryarg)=)[^&\\s;]*");
    /** {@code ://user:...@}, up to the last {@code @} of the word: a password may hold {@code @} and {@code :}. */
    private static final Pattern SECRET_USERINFO = Pattern.compile("(://[^:/?#@\\[\\]\\s]*:)\\S*@");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int DEFAULT_PORT = 5432;
    private static final String EXAMPLE = "postgresql://app@db:5432/app";

    public DbUrl {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        hosts = List.copyOf(hosts);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        for (String name : params.keySet()) {
            if (isSecret(name)) {
                throw new IllegalArgumentException("secret parameter '" + name + "' would be printed");
            }
        }
    }

    /** Parses a URL; an omitted user is {@code PGUSER}, else the OS user, as libpq does. */
    public static DbUrl parse(String url) {
        return parse(url, System.getenv(), System.getProperty("user.name"));
    }

    /**
     * Parses a URL, reading every part or throwing a one-line {@link MigrateException} that names the wrong part.
     * The only defaults are libpq's for an omitted part: port 5432, the local server, and {@code PGUSER} from
     * {@code env} else {@code osUser}. An omitted database is an error: libpq would use the user name, which is how a
     * run lands in the {@code postgres} database.
     */
    public static DbUrl parse(String url, Map<String, String> env, String osUser) {
        return new Parser(url).parse(env, osUser);
    }

    /** The first host: the one pgjdbc tries first. */
    public String host() {
        return hosts.get(0).host();
    }

    /** The port of the first host. */
    public int port() {
        return hosts.get(0).port();
    }

    /** The password, if the URL has one; when it has none pgjdbc looks in {@code ~/.pgpass}. */
    public String password() {
        return secrets.get("password");
    }

    /** {@code host:port}, comma-separated when there are several hosts. */
    public String hostAndPort() {
        return hosts.stream().map(Address::toString).collect(Collectors.joining(","));
    }

    public DbUrl withDatabase(String name) {
        return new DbUrl(hosts, name, user, params, secrets);
    }

    /** The JDBC URL: hosts, database and the non-secret parameters; user and secrets go as connection properties. */
    public String jdbcUrl() {
        StringBuilder s = new StringBuilder("jdbc:postgresql://").append(hostAndPort()).append('/')
                .append(encode(database, ""));
        String sep = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            s.append(sep).append(encode(p.getKey(), "")).append('=').append(encode(p.getValue(), "/:,@"));
            sep = "&";
        }
        return s.toString();
    }

    /** Where the run goes, for people: user, host(s), port and database; never a secret. */
    @Override
    public String toString() {
        return "postgresql://" + encode(user, "!$&'()*+,;=") + "@" + hostAndPort() + "/" + encode(database, "!$&'()*+,;=@:");
    }

    /** Replaces any password in a text (URL parameters or user:pass@) with ***. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return SECRET_USERINFO.matcher(SECRET_PARAM.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }

    static boolean isSecret(String param) {
        return SECRET_NAMES.contains(param.toLowerCase(Locale.ROOT));
    }

    /** Percent-encodes everything but unreserved characters, non-ASCII letters and {@code safe}. */
    private static String encode(String s, String safe) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean keep = (cp < 128 && (Character.isLetterOrDigit(cp) || "-._~".indexOf(cp) >= 0 || safe.indexOf(cp) >= 0))
                    || (cp >= 128 && Character.isLetterOrDigit(cp));
            if (keep) {
                out.appendCodePoint(cp);
            } else {
                for (byte b : s.substring(i, i + n).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            i += n;
        }
        return out.toString();
    }

    /**
     * The grammar, after libpq's {@code conninfo_uri_parse_options}:
     * <pre>
     * url       = scheme "//" [userinfo "@"] [hostspec] ["/" [dbname]] ["?" param *("&amp;" param)]
     *           | "jdbc:postgresql:" dbname ["?" ...]                 (pgjdbc's short form: localhost:5432)
     * scheme    = "postgresql:" | "postgres:" | "jdbc:postgresql:"
     * userinfo  = user [":" password]       (up to the last "@" before the first "/" or "?")
     * hostspec  = hostport *("," hostport);  hostport = [host | "[" ipv6 "]"] [":" [port]]
     * param     = name "=" value            (host, port, dbname, user, password override the parts above)
     * </pre>
     * Percent-decoding is libpq's ({@code +} is a plus) except in the path and query of a {@code jdbc:} URL, where it is
     * pgjdbc's ({@code +} is a space).
     */
    private static final class Parser {
        private final String input;
        private boolean jdbc;

        Parser(String input) {
            this.input = input;
        }

        DbUrl parse(Map<String, String> env, String osUser) {
            String text = input == null ? "" : input.strip();
            if (text.isEmpty()) {
                throw new MigrateException("the database URL is empty: expected e.g. " + EXAMPLE);
            }
            if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                // Not quoted: the part after a space may be a password the masking cannot see.
                throw new MigrateException("the database URL contains a space or control character:"
                        + " percent-encode it (a space is %20)");
            }
            String rest = withoutScheme(text);
            int end = indexOfAny(rest, "/?");
            String authority = end < 0 ? rest : rest.substring(0, end);
            String tail = end < 0 ? "" : rest.substring(end);
            int q = tail.indexOf('?');
            String path = q < 0 ? tail : tail.substring(0, q);
            String query = q < 0 ? "" : tail.substring(q + 1);
            int at = authority.lastIndexOf('@');
            boolean hasUserinfo = at >= 0;
            boolean atAfterHost = tail.contains("@");
            if (path.contains("@")) {
                // A '/' in the password ended the host part early: what follows it cannot be read safely.
                throw ambiguousAt();
            }

            String user = null;
            String password = null;
            if (hasUserinfo) {
                String userinfo = authority.substring(0, at);
                int colon = userinfo.indexOf(':');
                user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon), false, "user name");
                password = colon < 0 ? null : decode(userinfo.substring(colon + 1), false, "password");
            }
            List<String> hostList = new ArrayList<>();
            List<String> portList = new ArrayList<>();
            for (String hostport : authority.substring(at + 1).split(",", -1)) {
                splitHostPort(hostport, hostList, portList, hasUserinfo || !atAfterHost);
            }
            String database = path.isEmpty() ? "" : decode(path.substring(1), jdbc, "database name");
            if (database.contains("/")) {
                throw new MigrateException("invalid database name '" + database + "' in database URL " + masked()
                        + ": percent-encode a '/' in it as %2F");
            }

            Map<String, String> params = new LinkedHashMap<>();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String token : query.split("&")) {
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                if (eq <= 0) {
                    // Not quoted: after a '?' in an unencoded password this is part of the password.
                    throw new MigrateException("a query parameter of database URL " + masked()
                            + " is not name=value: join name=value pairs with &, and percent-encode '?' in a password as %3F");
                }
                String name = decode(token.substring(0, eq), jdbc, "parameter name");
                String value = decode(token.substring(eq + 1), jdbc, "value of parameter '" + name + "'");
                if (!PARAM_NAME.matcher(name).matches()) {
                    throw new MigrateException("invalid parameter name '" + name + "' in database URL " + masked());
                }
                switch (name.toLowerCase(Locale.ROOT)) {
                    // pgjdbc reads host, port and dbname in any case (and PGHOST...) and lets them win over the
                    // authority, so they must never pass through to the JDBC URL unread.
                    case "host", "pghost" -> hostList = splitList(value);
                    case "port", "pgport" -> portList = splitList(value);
                    case "dbname", "pgdbname" -> database = value;
                    case "user" -> user = value;
                    case "service" -> throw new MigrateException("parameter 'service' in database URL " + masked()
                            + " is not supported: write the host, port and database in the URL");
                    case "hostaddr" -> throw new MigrateException("parameter 'hostaddr' in database URL " + masked()
                            + " is not supported (pgjdbc ignores it): put the address in the host part or host=");
                    default -> {
                        if (isSecret(name)) {
                            secrets.put(name.toLowerCase(Locale.ROOT), value); // pgjdbc's names are lower case
                        } else {
                            params.put(name, value);
                        }
                    }
                }
            }
            if (password != null && !secrets.containsKey("password")) {
                secrets.put("password", password);
            }
            if ("".equals(secrets.get("password"))) {
                secrets.remove("password"); // libpq: an empty password is no password
            }

            List<Address> hosts = addresses(hostList, portList, hasUserinfo || !atAfterHost);
            if (database.isEmpty()) {
                throw new MigrateException("the database URL names no database: add /<name>, e.g. " + EXAMPLE);
            }
            if (user == null || user.isEmpty()) {
                user = defaultUser(env, osUser);
            }
            return new DbUrl(hosts, database, user, params, secrets);
        }

        private String withoutScheme(String text) {
            for (String scheme : List.of("postgresql://", "postgres://")) {
                if (text.startsWith(scheme)) {
                    return text.substring(scheme.length());
                }
            }
            if (text.startsWith("jdbc:postgresql:")) {
                jdbc = true;
                String rest = text.substring("jdbc:postgresql:".length());
                if (rest.startsWith("//")) {
                    return rest.substring(2);
                }
                if (!rest.startsWith("/")) {
                    return "/" + rest; // jdbc:postgresql:app is pgjdbc's localhost:5432/app
                }
            }
            throw new MigrateException("not a PostgreSQL URL: '" + masked() + "'. Use postgresql://user:password@host:5432/db"
                    + " or jdbc:postgresql://host:5432/db?user=..&password=..");
        }

        /** One entry of the authority's host list: {@code host}, {@code host:port}, {@code [ipv6]:port}, or empty. */
        private void splitHostPort(String hostport, List<String> hosts, List<String> ports, boolean quote) {
            String host = hostport;
            String port = "";
            if (hostport.startsWith("[")) {
                int close = hostport.indexOf(']');
                String after = close < 0 ? "?" : hostport.substring(close + 1);
                if (close < 0 || !(after.isEmpty() || after.startsWith(":"))) {
                    throw quote ? new MigrateException("invalid host '" + hostport + "' in database URL " + masked()
                            + ": write an IPv6 address as [::1] or [::1]:5432") : ambiguousAt();
                }
                host = hostport.substring(1, close);
                port = after.isEmpty() ? "" : after.substring(1);
                if (!IPV6.matcher(host).matches()) {
                    throw new MigrateException("invalid IPv6 address '" + host + "' in database URL " + masked());
                }
            } else {
                int colon = hostport.indexOf(':');
                if (colon >= 0) {
                    if (hostport.indexOf(':', colon + 1) >= 0) {
                        throw quote ? new MigrateException("invalid host '" + hostport + "' in database URL "
                                + masked() + ": write an IPv6 address in brackets, e.g. [::1]:5432") : ambiguousAt();
                    }
                    host = hostport.substring(0, colon);
                    port = hostport.substring(colon + 1);
                }
                host = decode(host, false, "host");
            }
            hosts.add(host);
            ports.add(port);
        }

        /**
         * Pairs hosts with ports as libpq does: one port for every host, or one each; an empty entry is the default.
         * {@code quote} is false when an unencoded '/' or '?' may have cut a password into the host part: then the
         * value is not repeated in the message.
         */
        private List<Address> addresses(List<String> hosts, List<String> ports, boolean quote) {
            if (ports.size() != 1 && ports.size() != hosts.size()) {
                throw new MigrateException(ports.size() + " ports for " + hosts.size() + " hosts in database URL "
                        + masked() + ": give one port for all hosts, or one per host");
            }
            List<Address> out = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                String host = hosts.get(i);
                String port = ports.get(ports.size() == 1 ? 0 : i);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1); // host=[::1]
                }
                if (host.startsWith("/")) {
                    throw new MigrateException("unsupported host '" + host + "' in database URL " + masked()
                            + ": a Unix-domain socket needs extra jars with pgjdbc; connect over TCP, e.g. host=127.0.0.1");
                }
                if (host.isEmpty()) {
                    host = "localhost"; // libpq: the local server; pgjdbc's default host
                } else if (!(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
                    if (!quote) {
                        throw ambiguousAt();
                    }
                    throw new MigrateException("invalid host '" + host + "' in database URL " + masked());
                }
                int number = port.isEmpty() ? DEFAULT_PORT : PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
                if (number < 1 || number > 65535) {
                    if (!quote) {
                        throw ambiguousAt();
                    }
                    throw new MigrateException("invalid port '" + port + "' in database URL " + masked());
                }
                out.add(new Address(host, number));
            }
            return out;
        }

        private static List<String> splitList(String value) {
            return new ArrayList<>(List.of(value.split(",", -1)));
        }

        private static String defaultUser(Map<String, String> env, String osUser) {
            String pguser = env.get("PGUSER");
            if (pguser != null && !pguser.isBlank()) {
                return pguser;
            }
            if (osUser != null && !osUser.isBlank()) {
                return osUser;
            }
            throw new MigrateException("the database URL names no user and PGUSER is not set: add one, e.g. " + EXAMPLE);
        }

        private static MigrateException ambiguousAt() {
            return new MigrateException("the database URL has an '@' after its host part: percent-encode '/', '?' and"
                    + " '@' in the user name and password (%2F, %3F, %40)");
        }

        /** Strict percent-decoding to UTF-8; {@code plusIsSpace} for pgjdbc's form decoding. */
        private String decode(String s, boolean plusIsSpace, String part) {
            if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
                return s;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                    int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                    if (lo < 0) {
                        throw badEncoding(part);
                    }
                    bytes.write(hi * 16 + lo);
                    i += 2;
                } else if (c == '+' && plusIsSpace) {
                    bytes.write(' ');
                } else {
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                        b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    bytes.write(b, 0, b.length);
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw badEncoding(part);
            }
        }

        private MigrateException badEncoding(String part) {
            return new MigrateException("invalid percent-encoding in the " + part + " of database URL " + masked()
                    + ": write %XX with two hex digits (% itself is %25)");
        }

        private String masked() {
            return mask(input == null ? "" : input.strip());
        }

        private static int indexOfAny(String s, String chars) {
            for (int i = 0; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
