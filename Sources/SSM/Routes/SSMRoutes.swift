import AWSCore

extension SSMBackend {
    /// The only table of Parameter Store operation names. Requests arrive as
    /// `X-Amz-Target: AmazonSSM.<Operation>`; SSM operations not listed here are not built and
    /// the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
        var service = JSON11Service(ServiceCatalog.ssm)
        service.on("PutParameter") { (input: PutParameterRequest, request) in
            try putParameter(input, context: request.context)
        }
        service.on("GetParameter") { (input: GetParameterRequest, request) in
            try getParameter(input, context: request.context)
        }
        service.on("GetParameters") { (input: GetParametersRequest, request) in
            try getParameters(input, context: request.context)
        }
        service.on("GetParametersByPath") { (input: GetParametersByPathRequest, request) in
            try getParametersByPath(input, context: request.context)
        }
        service.on("GetParameterHistory") { (input: GetParameterHistoryRequest, request) in
            try getParameterHistory(input, context: request.context)
        }
        service.on("DeleteParameter") { (input: DeleteParameterRequest, request) in
            try deleteParameter(input, context: request.context)
        }
        service.on("DeleteParameters") { (input: DeleteParametersRequest, request) in
            try deleteParameters(input, context: request.context)
        }
        service.on("DescribeParameters") { (input: DescribeParametersRequest, request) in
            try describeParameters(input, context: request.context)
        }
        service.on("LabelParameterVersion") { (input: LabelParameterVersionRequest, request) in
            try labelParameterVersion(input, context: request.context)
        }
        service.on("UnlabelParameterVersion") { (input: UnlabelParameterVersionRequest, request) in
            try unlabelParameterVersion(input, context: request.context)
        }
        service.on("AddTagsToResource") { (input: AddTagsToResourceRequest, request) in
            try addTagsToResource(input, context: request.context)
        }
        service.on("ListTagsForResource") { (input: ListTagsForResourceRequest, request) in
            try listTagsForResource(input, context: request.context)
        }
        service.on("RemoveTagsFromResource") { (input: RemoveTagsFromResourceRequest, request) in
            try removeTagsFromResource(input, context: request.context)
        }
        return service
    }
}
