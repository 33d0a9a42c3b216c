import Foundation

extension Scenario.DockerAuthSpec {
    /// The bytes of the auth file this spec describes, as the customer would have produced
    /// them: `docker login` (config.json), a legacy `.dockercfg`, or Docker Desktop's
    /// credential-store file.
    public func fileContents() -> Data {
        switch format {
        case .dockercfg:
            return DockerLogin.dockercfg(server: registry, username: user, password: password, email: email)
        case .configJSON:
            if let credsStore {
                return DockerLogin.credentialStoreConfig(server: registry, credsStore: credsStore)
            }
            return DockerLogin.render(
                auths: [DockerLogin.serverKey(registry): DockerLogin.encodeAuth(username: user, password: password)],
                credsStore: nil, credHelpers: [:])
        }
    }
}
