import AWSCore

extension SSMBackend {
    /// The only table of Parameter Store operation names. Requests arrive as
    /// `X-Amz-Target: AmazonSSM.<Operation>`; SSM operations not listed here are not built and
    /// the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
        var service = JSON11Service(ServiceCatalog.ssm)
        service.on("PutParameter", putParameter)
        service.on("GetParameter", getParameter)
        service.on("GetParameters", getParameters)
        service.on("GetParametersByPath", getParametersByPath)
        service.on("GetParameterHistory", getParameterHistory)
        service.on("DeleteParameter", deleteParameter)
        service.on("DeleteParameters", deleteParameters)
        service.on("DescribeParameters", describeParameters)
        service.on("LabelParameterVersion", labelParameterVersion)
        service.on("UnlabelParameterVersion", unlabelParameterVersion)
        service.on("AddTagsToResource", addTagsToResource)
        service.on("ListTagsForResource", listTagsForResource)
        service.on("RemoveTagsFromResource", removeTagsFromResource)
        return service
    }
}
