import Beanstalk
import Foundation

/// docker's client-side registry login (`loginV2`): ping `/v2/`, then answer its challenge,
/// Basic with the user and password or a Bearer token from the realm. The login goes where
/// the host's registry is: ebauth or a real registry.
struct RegistryLogin {
    let routes: RegistryRoutes

    func login(host: String, credential: DockerCredential) throws(DockerCLIError) {
        let http = routes.client(for: host)
        do {
            let ping = try http.send("GET", "/v2/", host: host)
            guard ping.status == 401, let challenge = RegistryPuller.challenge(ping) else { return }
            if challenge.scheme == "basic" {
                let basic = "Basic " + Data("\(credential.username):\(credential.password)".utf8).base64EncodedString()
                let reply = try http.send("GET", "/v2/", host: host, headers: [("Authorization", basic)])
                guard reply.status == 200 else {
                    let reason = reply.status == 401 ? "401 Unauthorized" : "\(reply.status)"
                    throw DockerCLIError.error(
                        "Error response from daemon: login attempt to https://\(host)/v2/ failed with status: "
                            + reason)
                }
            } else if let realm = challenge.parameters["realm"] {
                _ = try RegistryPuller(routes: routes).bearerToken(
                    realm: realm, service: challenge.parameters["service"], scope: "", credential: credential,
                    host: host)
            }
        } catch let error as DockerCLIError {
            throw error
        } catch let failure as PullFailure {
            throw .error(failure.message)
        } catch {
            throw .error("Error response from daemon: \(error)")
        }
    }
}
