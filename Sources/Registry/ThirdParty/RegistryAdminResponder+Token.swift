import AWSCore
import Foundation
import HTTPServer

extension RegistryAdminResponder {
    /// The token endpoint of a `bearer` registry, as Docker's token spec describes it:
    /// `GET …/token?service=<service>&scope=repository:<name>:pull,push` with optional Basic
    /// credentials (none: an anonymous token), or a form POST with `grant_type=password`.
    /// Answers `{"token", "access_token", "expires_in", "issued_at"}`; a wrong password is 401.
    func token(_ request: HTTPRequest, host: String) -> HTTPResponse {
        var query = QueryItems(parsing: request.query)
        var credentials = BasicCredentials(request)
        var scopes = query.items.filter { $0.name == "scope" }.flatMap {
            $0.value.split(separator: " ").map(String.init)
        }
        if request.method == "POST" {
            let form = QueryItems(
                parsing: String(decoding: (try? request.body.readAll()) ?? [], as: UTF8.self), form: true)
            guard form["grant_type"] == "password", let user = form["username"], let password = form["password"] else {
                return Self.json(400, .object([.init("error", "unsupported_grant_type")]))
            }
            credentials = BasicCredentials(user: user, password: password)
            scopes += (form["scope"] ?? "").split(separator: " ").map(String.init)
            query = QueryItems(query.items + form.items.filter { $0.name == "service" })
        }
        let parsed = scopes.compactMap(TokenScope.init)
        do {
            let host = try RegistryConfiguration.canonicalHost(host)
            let issued = try registries.issueToken(
                host: host, credentials: credentials, scopes: parsed, service: query["service"])
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            var members: [RegistryJSON.Member] = [
                .init("token", .string(issued.token)), .init("access_token", .string(issued.token)),
                .init("expires_in", .number(Int64(issued.expiresIn))),
                .init("issued_at", .string(formatter.string(from: issued.issuedAt))),
            ]
            if request.method == "POST" {
                members.append(.init("scope", .string(parsed.map(\.text).joined(separator: " "))))
                members.append(.init("token_type", "Bearer"))
            }
            return Self.json(200, .object(members), headers: [("Cache-Control", "no-store")])
        } catch ThirdPartyRegistries.TokenError.invalidCredentials {
            return Self.json(
                401,
                .object([
                    .init(
                        "errors",
                        .array([
                            .object([.init("code", "UNAUTHORIZED"), .init("message", "incorrect username or password")])
                        ])),
                    .init("details", "incorrect username or password"),
                ]))
        } catch ThirdPartyRegistries.TokenError.unknownRegistry, ThirdPartyRegistries.TokenError.notATokenRegistry {
            return Self.json(404, .object([.init("error", .string("no bearer-token registry \(host.prefix(255))"))]))
        } catch ThirdPartyRegistries.TokenError.wrongService(let service) {
            return Self.json(400, .object([.init("error", .string("invalid service \(service.prefix(255))"))]))
        } catch let error as RegistryAdminError {
            return Self.json(error.status, .object([.init("error", .string(error.message))]))
        } catch {
            logger?.error("token request failed", metadata: ["error": "\(type(of: error))"])
            return Self.json(500, .object([.init("error", "internal error")]))
        }
    }
}
