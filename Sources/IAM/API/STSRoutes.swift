import AWSCore

/// The only table of STS operation names.
extension STSBackend {
    func routes() -> QueryService {
        var service = QueryService(ServiceCatalog.sts)
        service.on("GetCallerIdentity", getCallerIdentity)
        service.on("AssumeRole", assumeRole)
        return service
    }
}
