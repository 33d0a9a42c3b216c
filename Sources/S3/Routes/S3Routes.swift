import AWSCore

/// The only table of S3 operation names: each binds its input shape, calls the backend and
/// writes its output shape. Operations not listed answer 501 NotImplemented.
enum S3Routes {
    static func service(_ backend: S3Backend) -> RESTXMLService {
        // A path whose percent-decoding is not UTF-8 is refused whatever it addresses.
        var service = RESTXMLService(ServiceCatalog.s3) { request in
            guard ObjectKey.isUTF8(rawPath: request.rawPath) else { throw S3Error.invalidURI(uri: request.rawPath) }
        }
        // Buckets
        service.on("CreateBucket", backend.createBucket)
        service.on("HeadBucket", backend.headBucket)
        service.on("GetBucketLocation", backend.getBucketLocation)
        service.on("ListBuckets", backend.listBuckets)
        service.on("DeleteBucket", backend.deleteBucket)
        service.on("PutBucketPolicy", backend.putBucketPolicy)
        service.on("GetBucketPolicy", backend.getBucketPolicy)
        service.on("DeleteBucketPolicy", backend.deleteBucketPolicy)
        service.on("PutBucketTagging", backend.putBucketTagging)
        service.on("GetBucketTagging", backend.getBucketTagging)
        service.on("DeleteBucketTagging", backend.deleteBucketTagging)
        service.on("PutBucketVersioning", backend.putBucketVersioning)
        service.on("GetBucketVersioning", backend.getBucketVersioning)
        // Objects
        service.on("PutObject", backend.putObject)
        service.on("GetObject", backend.getObject)
        service.on("HeadObject", backend.headObject)
        service.on("DeleteObject", backend.deleteObject)
        service.on("DeleteObjects", backend.deleteObjects)
        service.on("CopyObject", backend.copyObject)
        service.on("ListObjects", backend.listObjects)
        service.on("ListObjectsV2", backend.listObjectsV2)
        service.on("GetObjectTagging", backend.getObjectTagging)
        service.on("PutObjectTagging", backend.putObjectTagging)
        service.on("DeleteObjectTagging", backend.deleteObjectTagging)
        // Multipart uploads
        service.on("CreateMultipartUpload", backend.createMultipartUpload)
        service.on("UploadPart", backend.uploadPart)
        service.on("UploadPartCopy", backend.uploadPartCopy)
        service.on("CompleteMultipartUpload", backend.completeMultipartUpload)
        service.on("AbortMultipartUpload", backend.abortMultipartUpload)
        service.on("ListParts", backend.listParts)
        service.on("ListMultipartUploads", backend.listMultipartUploads)
        return service
    }
}
